/*
 * The setup wizard when the portal does not answer (it restarted, or is still starting): a request of the
 * wizard that fails shows the note #ksNoAnswer instead of nothing; the note asks the portal again every
 * 3 s for the page's own stylesheet (no view, no session work) and, once it answers, offers to go on:
 * the wizard afresh, as the portal keeps nothing of it before "Finish setup".
 */
(function () {
    'use strict';
    var polling = false;

    function probeUrl() {
        var link = document.querySelector('link[href*="keyswitch.css"]');
        return link ? link.href : window.location.pathname;
    }

    function answersAgain() {
        document.getElementById('ksNoAnswerText').textContent =
            'The portal answers again. What you entered was not stored; go on to enter it again, starting with the setup code.';
        document.getElementById('ksGoOn').disabled = false;
    }

    function poll() {
        fetch(probeUrl(), {cache: 'no-store', credentials: 'same-origin', redirect: 'manual'}).then(function (r) {
            if (r.status === 200) {
                answersAgain();
            } else {
                window.setTimeout(poll, 3000);
            }
        }, function () {
            window.setTimeout(poll, 3000);
        });
    }

    function noAnswer() {
        var note = document.getElementById('ksNoAnswer');
        if (!note) {
            return;
        }
        note.hidden = false;
        if (!polling) {
            polling = true;
            window.setTimeout(poll, 2000);
        }
    }

    document.addEventListener('click', function (e) {
        if (e.target && e.target.closest && e.target.closest('#ksGoOn')) {
            window.location.href = window.location.pathname;
        }
    });
    if (window.jQuery) {
        window.jQuery(document).on('pfAjaxError', noAnswer);
    }
}());
