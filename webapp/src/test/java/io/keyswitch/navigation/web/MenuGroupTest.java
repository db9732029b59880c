package io.keyswitch.navigation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.Rights;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@DisplayName("The menu's groups")
class MenuGroupTest {

    private static final String PRIMEFACES = "primefaces";

    /** A signed-in user with these rights. */
    private record Viewer(Set<String> rights, boolean securityAdmin, boolean systemAdmin) implements MenuViewer {
        @Override
        public boolean permitted(String right) {
            return rights.contains(right);
        }

        @Override
        public boolean seesConnections() {
            return rights.contains(Rights.CONNECTION_VIEW) || rights.contains(Rights.DEVICE_CONNECT);
        }

        /** As the connections report decides (the one kind this test knows): their own connections, or the account's. */
        @Override
        public boolean runsReports() {
            return systemAdmin || seesConnections();
        }
    }

    private static List<MenuGroup> groupsShownTo(MenuViewer viewer) {
        return Arrays.stream(MenuGroup.values()).filter(g -> g.shownTo(viewer)).toList();
    }

    @Test
    @DisplayName("a technician (device:connect) sees Operate, the reports (of their own connections) and their own entries, nothing to administer")
    void technician() {
        // Arrange
        Viewer technician = new Viewer(Set.of(Rights.DEVICE_CONNECT), false, false);

        // Act
        List<MenuGroup> shown = groupsShownTo(technician);

        // Assert
        assertThat(shown).containsExactly(MenuGroup.OPERATE, MenuGroup.RECORDS, MenuGroup.YOU);
        assertThat(MenuGroup.RECORDS.entries().stream().filter(e -> e.shownTo().test(technician)).map(MenuGroup.Entry::id))
                .containsExactly("menuReports");
    }

    @Test
    @DisplayName("an account's administrator sees Administer and Records, not the appliance; a system administrator sees it")
    void administrators() {
        // Arrange
        Viewer accountAdmin = new Viewer(Set.of(Rights.DEVICE_VIEW, Rights.DEVICE_EDIT, Rights.USER_MANAGE,
                Rights.GROUP_MANAGE, Rights.SETTINGS_MANAGE, Rights.AUDIT_VIEW), true, false);
        Viewer systemAdmin = new Viewer(Set.copyOf(Rights.ALL), true, true);

        // Act / Assert
        assertThat(groupsShownTo(accountAdmin)).containsExactly(MenuGroup.ADMINISTER, MenuGroup.RECORDS, MenuGroup.YOU);
        assertThat(groupsShownTo(systemAdmin)).containsExactly(MenuGroup.values());
    }

    @Test
    @DisplayName("a group with one right shows only that entry: audit:view alone is Records with the audit trail and the IEC 62443 page")
    void oneRightOneEntry() {
        // Arrange
        Viewer auditor = new Viewer(Set.of(Rights.AUDIT_VIEW), false, false);

        // Act
        List<String> entries = MenuGroup.RECORDS.entries().stream().filter(e -> e.shownTo().test(auditor))
                .map(MenuGroup.Entry::id).toList();

        // Assert
        assertThat(groupsShownTo(auditor)).containsExactly(MenuGroup.RECORDS, MenuGroup.YOU);
        assertThat(entries).containsExactly("menuAudit", "menuIec62443");
        assertThat(MenuGroup.ADMINISTER.entries()).noneMatch(e -> e.shownTo().test(auditor));
    }

    @Test
    @DisplayName("report:view alone is Work reports (Operate) and, in Records, Scheduled reports only")
    void reportViewer() {
        // Arrange
        Viewer reader = new Viewer(Set.of(Rights.REPORT_VIEW), false, false);

        // Act
        List<String> entries = MenuGroup.RECORDS.entries().stream().filter(e -> e.shownTo().test(reader))
                .map(MenuGroup.Entry::id).toList();

        // Assert
        assertThat(groupsShownTo(reader)).containsExactly(MenuGroup.OPERATE, MenuGroup.RECORDS, MenuGroup.YOU);
        assertThat(entries).containsExactly("menuReportSchedules");
    }

    @Test
    @DisplayName("the layout's menu holds each table entry in its group's submenu, and no entry the table lacks")
    void layoutMatchesTable() throws Exception {
        // Arrange
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element menu = (Element) factory.newDocumentBuilder()
                .parse(Path.of("src/main/webapp/WEB-INF/templates/layout.xhtml").toFile())
                .getElementsByTagNameNS(PRIMEFACES, "menu").item(0);

        // Act: submenu label → its entries' ids, in order
        Map<String, List<String>> layout = new LinkedHashMap<>();
        NodeList submenus = menu.getElementsByTagNameNS(PRIMEFACES, "submenu");
        for (int i = 0; i < submenus.getLength(); i++) {
            Element submenu = (Element) submenus.item(i);
            NodeList items = submenu.getElementsByTagNameNS(PRIMEFACES, "menuitem");
            List<String> ids = new java.util.ArrayList<>();
            for (int j = 0; j < items.getLength(); j++) {
                Element item = (Element) items.item(j);
                ids.add(item.getAttribute("id"));
                assertThat(item.getAttribute("rendered")).as(item.getAttribute("id"))
                        .isEqualTo("#{mainMenu.shows('" + item.getAttribute("id") + "')}");
            }
            assertThat(submenu.getAttribute("rendered")).isEqualTo("#{mainMenu.showsGroup('" + submenu.getAttribute("label")
                    .toLowerCase(java.util.Locale.ROOT) + "')}");
            layout.put(submenu.getAttribute("label").toUpperCase(java.util.Locale.ROOT), ids);
        }
        Map<String, List<String>> table = Arrays.stream(MenuGroup.values()).collect(Collectors.toMap(Enum::name,
                g -> g.entries().stream().map(MenuGroup.Entry::id).toList(), (a, b) -> a, LinkedHashMap::new));

        // Assert
        assertThat(layout).containsExactlyEntriesOf(table);
    }

    @Test
    @DisplayName("an id the table does not know fails with its name")
    void unknownEntry() {
        assertThatThrownBy(() -> MenuGroup.named("menuUser")).hasMessageContaining("'menuUser'");
    }
}
