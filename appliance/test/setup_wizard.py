#!/usr/bin/env python3
"""Completes the portal's setup wizard over HTTPS, as PrimeFaces' script in a browser does it.

  setup_wizard.py BASE_URL --code-file F --password-file F --dns-name NAME
                  [--certificate F --chain F --key F] [--admin NAME] [--wrong-code-first] [--lower-case]

GETs /setup.xhtml, then for each step posts the wizard's ajax "Next" (the step's fields,
<wizard>_direction=next, <wizard>_stepToGo=<next step>) and fails with the portal's message
if a field is refused; finally posts "Finish setup" like a form submit. --wrong-code-first sends a
wrong code before the right one and fails unless it is refused; --lower-case types the code in
lower case (the portal takes it in any case). Warnings the portal shows (e.g. a certificate from a CA
it does not know) are printed. Secrets (the setup code,
the administrator's password, the private key) come from files, never from the command line.
The portal's certificate is not verified: this runs against 127.0.0.1 before setup.
"""
import argparse
import html
import http.cookiejar
import re
import ssl
import sys
import urllib.parse
import urllib.request

FORM = "setupForm"
WIZARD = FORM + ":wizard"


class Portal:
    def __init__(self, base):
        self.base = base.rstrip("/")
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.view_state = None
        self.nonce = None

    def get(self, path):
        with self.opener.open(self.base + path, timeout=120) as r:
            body = r.read().decode("utf-8")
        self._remember(body)
        return r.status, r.geturl(), body

    def post(self, path, fields, ajax):
        data = dict(fields)
        data["jakarta.faces.ViewState"] = self.view_state
        if self.nonce:
            data["primefaces.nonce"] = self.nonce
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}
        if ajax:
            headers.update({"Faces-Request": "partial/ajax", "X-Requested-With": "XMLHttpRequest"})
        request = urllib.request.Request(self.base + path, data=urllib.parse.urlencode(data).encode("utf-8"),
                                         headers=headers, method="POST")
        with self.opener.open(request, timeout=120) as r:
            return r.geturl(), r.read().decode("utf-8")

    def _remember(self, body):
        m = re.search(r'name="jakarta.faces.ViewState"[^>]*value="([^"]+)"', body)
        if m:
            self.view_state = html.unescape(m.group(1))
        m = re.search(r"PrimeFaces\.csp\.init\('([^']+)'\)", body)
        if m:
            self.nonce = m.group(1)


def warnings(body):
    """The texts of the warnings PrimeFaces shows at the top."""
    return [html.unescape(w) for w in re.findall(r'class="ui-messages-warn-summary"[^>]*>([^<]*)<', body) if w.strip()]


def errors(body):
    """The texts of the field messages PrimeFaces marks as errors."""
    found = re.findall(r'class="ui-message-error-(?:detail|summary)"[^>]*>([^<]*)<', body)
    found += re.findall(r'class="ui-messages-error-summary"[^>]*>([^<]*)<', body)
    return [html.unescape(e) for e in found if e.strip()]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("base")
    p.add_argument("--code-file", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--dns-name", required=True)
    p.add_argument("--admin", default="admin")
    p.add_argument("--certificate")
    p.add_argument("--chain")
    p.add_argument("--key")
    p.add_argument("--wrong-code-first", action="store_true")
    p.add_argument("--lower-case", action="store_true")
    a = p.parse_args()
    read = lambda f: open(f, encoding="utf-8").read() if f else ""
    code = read(a.code_file).strip()
    if a.lower_case:
        code = code.lower()
    password = read(a.password_file).strip()

    portal = Portal(a.base)
    status, url, body = portal.get("/setup.xhtml")
    if status != 200 or "setup code" not in body:
        sys.exit("setup wizard: /setup.xhtml did not show the wizard (%s %s)" % (status, url))
    steps = [
        ("stepCode", "stepAdmin", {"code": code}),
        ("stepAdmin", "stepDns", {"username": a.admin, "fullName": "System administrator",
                                  "password": password, "confirmation": password}),
        ("stepDns", "stepTls", {"dnsName": a.dns_name}),
        ("stepTls", "stepMail", {"certificate": read(a.certificate), "chain": read(a.chain), "privateKey": read(a.key)}),
        ("stepMail", "stepConfirm", {"mailHost": "", "mailPort": "587", "mailSecurity_input": "STARTTLS",
                                     "mailUser": "", "mailPassword": "", "mailFrom": "", "testTo": ""}),
    ]
    if a.wrong_code_first:
        steps.insert(0, ("stepCode (a wrong code)", "stepAdmin", {"code": "WRNG-C0DE-WRNG-C0DE"}))
    for step, following, fields in steps:
        data = {"jakarta.faces.partial.ajax": "true", "jakarta.faces.source": WIZARD,
                "jakarta.faces.partial.execute": WIZARD, "jakarta.faces.partial.render": WIZARD,
                WIZARD: WIZARD, WIZARD + "_direction": "next", WIZARD + "_stepToGo": following, FORM: FORM}
        data.update({FORM + ":" + k: v for k, v in fields.items()})
        _, body = portal.post("/setup.xhtml", data, ajax=True)
        refused = errors(body)
        if step.endswith("(a wrong code)"):
            if not any("This is not the setup code" in r for r in refused):
                sys.exit("setup wizard: a wrong setup code was not refused (%s)" % ("; ".join(refused) or "accepted"))
            print("setup wizard: a wrong setup code refused: %s" % "; ".join(refused))
            continue
        if refused or '"validationFailed":true' in body:
            sys.exit("setup wizard: step %s refused: %s" % (step, "; ".join(refused) or "validation failed"))
        for w in warnings(body):
            print("setup wizard: step %s warns: %s" % (step, w))
        print("setup wizard: step %s accepted" % step)
    url, body = portal.post("/setup.xhtml", {FORM: FORM, FORM + ":reason": "Initial setup by the appliance test",
                                             FORM + ":finish": ""}, ajax=False)
    if "Setup is finished." not in body:
        sys.exit("setup wizard: finish failed: %s" % ("; ".join(errors(body)) or url))
    outcome = re.search(r'id="certificateOutcome">\s*([^<]*)<', body)
    print("setup wizard: finished%s" % (": " + html.unescape(outcome.group(1)).strip() if outcome else ""))


if __name__ == "__main__":
    main()
