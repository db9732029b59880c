#!/usr/bin/env python3
"""A new technician's first login on the appliance, as a browser does it, so that they can dial the VPN:
signs in with the one-time password, chooses a password, enrols an authenticator app (reads the key from the
page, answers with its current code) and writes the key (Base32) to a file for the VPN login's codes.

  technician.py BASE_URL --account A --user U --password-file OTP --new-password-file F --totp-file OUT

Secrets come from and go to files (mode 0600), never the command line. The portal's certificate is not
verified: this runs against 127.0.0.1 (QEMU's forward) only.
"""
import argparse
import base64
import hashlib
import hmac
import os
import re
import struct
import sys
import time

from setup_wizard import Portal, errors


def totp(secret_base32, at=None):
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1_000_000)


def next_code(totp_file):
    """A code of a time step after the one the enrolment used (waits up to 30 s for it)."""
    secret = open(totp_file).read().strip()
    used = int(open(totp_file + ".used").read().strip())
    while int(time.time() // 30) <= used:
        time.sleep(0.5)
    return totp(secret)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("base")
    p.add_argument("--account", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--new-password-file", required=True)
    p.add_argument("--totp-file", required=True)
    a = p.parse_args()
    one_time = open(a.password_file).read().strip()
    chosen = open(a.new_password_file).read().strip()
    portal = Portal(a.base)

    portal.get("/login.xhtml")
    url, body = portal.post("/login.xhtml", {"loginForm": "loginForm", "loginForm:account": a.account,
                                             "loginForm:username": a.user, "loginForm:password": one_time,
                                             "loginForm:login": ""}, ajax=False)
    if "password" not in url:
        sys.exit("login did not lead to the password change: " + url + " " + " ".join(errors(body)))
    portal._remember(body)
    url, body = portal.post("/password.xhtml", {"passwordForm": "passwordForm", "passwordForm:current": one_time,
                                                "passwordForm:proposed": chosen, "passwordForm:confirmation": chosen,
                                                "passwordForm:change": ""}, ajax=False)
    if errors(body):
        sys.exit("password change refused: " + " ".join(errors(body)))
    _, _, body = portal.get("/enrol.xhtml")
    m = re.search(r'id="(?:enrolForm:)?secret"[^>]*>([A-Z2-7 ]+)<', body)
    if not m:
        sys.exit("no authenticator key on the enrolment page")
    secret = m.group(1).replace(" ", "")
    used_step = int(time.time() // 30)
    url, body = portal.post("/enrol.xhtml", {"enrolForm": "enrolForm", "enrolForm:code": totp(secret, used_step * 30),
                                             "enrolForm:confirm": ""}, ajax=False)
    if "recovery codes" not in body:
        sys.exit("enrolment refused: " + " ".join(errors(body)))
    old = os.umask(0o077)
    try:
        with open(a.totp_file, "w") as f:
            f.write(secret + "\n")
        # the portal takes each code once: whoever signs in next needs a code of a later time step
        with open(a.totp_file + ".used", "w") as f:
            f.write("%d\n" % used_step)
    finally:
        os.umask(old)
    print("technician %s/%s: password chosen, authenticator enrolled" % (a.account, a.user))


if __name__ == "__main__":
    main()
