#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# smtp-peer.py --dir DIR [--mode MODE] [--user U --password P] [--implicit-tls | --plain]
#
# An SMTP server on 127.0.0.1 for the sender's tests (python3-aiosmtpd):
# STARTTLS required (or implicit TLS), AUTH required, a self-signed
# certificate for 127.0.0.1 made at start in DIR. Prints "PORT CERT-PATH" on
# one line, then serves until its stdin closes. --plain offers no TLS at all
# (AUTH in clear), for the "none" security and for refusing to downgrade.
#
# Each message received is DIR/message-N.json: {"connection": n, "auth":
# [login, password], "mail_from": ..., "rcpt_tos": [...], "data": raw text}.
# Each connection that says EHLO after TLS adds a line to DIR/connections.
#
# Modes: accept; reject-auth (535 for any password); tempfail-rcpt and
# tempfail-data (451); reject-rcpt (550); drop-mid-data (closes after the
# first line of the data); drop-after-data (takes the whole message, then
# closes without a reply); hang-after-data (takes the whole message, then
# never replies: the client is stuck waiting, e.g. to be killed).

import argparse
import asyncio
import json
import os
import socket
import ssl
import subprocess
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--mode", default="accept")
parser.add_argument("--user", default="sales@example.com")
parser.add_argument("--password", default="s3cret-pass")
parser.add_argument("--implicit-tls", action="store_true")
parser.add_argument("--plain", action="store_true")
args = parser.parse_args()

cert = os.path.join(args.dir, "cert.pem")
key = os.path.join(args.dir, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)

state = {"connections": 0, "messages": 0}


def record_connection():
    with open(os.path.join(args.dir, "connections"), "a") as f:
        f.write("connection\n")


class PeerSMTP(SMTP):
    def connection_made(self, transport):
        state["connections"] += 1
        self.connection_number = state["connections"]
        super().connection_made(transport)

    async def smtp_EHLO(self, hostname):
        # Counted once TLS is on: the controller's own readiness check and
        # the plain-text EHLO before STARTTLS are not sessions.
        if self._tls_protocol is not None or args.implicit_tls or args.plain:
            record_connection()
        return await super().smtp_EHLO(hostname)

    async def smtp_DATA(self, arg):
        if args.mode == "drop-mid-data" and self.envelope.rcpt_tos:
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._reader.readline()
            self.transport.close()
            return
        return await super().smtp_DATA(arg)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if args.mode == "tempfail-rcpt":
            return "451 4.3.0 Mailbox temporarily unavailable"
        if args.mode == "reject-rcpt":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if args.mode == "tempfail-data":
            return "451 4.3.0 Try again later"
        state["messages"] += 1
        login, password = session.auth_data if session.auth_data else (b"", b"")
        record = {
            "connection": server.connection_number,
            "auth": [login.decode(), password.decode()],
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.original_content.decode("utf-8", "replace"),
        }
        path = os.path.join(args.dir, "message-%d.json" % state["messages"])
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        if args.mode == "drop-after-data":
            server.transport.close()
            return "250 never sent"
        if args.mode == "hang-after-data":
            await asyncio.sleep(3600)
        return "250 2.0.0 Ok: queued as RAPPORT%d" % state["messages"]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (args.mode != "reject-auth" and
          auth_data.login.decode() == args.user and
          auth_data.password.decode() == args.password)
    return AuthResult(success=ok, handled=False,
                      auth_data=(auth_data.login, auth_data.password))


class PeerController(Controller):
    def factory(self):
        return PeerSMTP(self.handler, **self.SMTP_kwargs)


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

kwargs = dict(hostname="127.0.0.1", port=port, authenticator=authenticator,
              auth_required=True, auth_require_tls=True)
if args.plain:
    kwargs["auth_require_tls"] = False
elif args.implicit_tls:
    kwargs["ssl_context"] = context
    # aiosmtpd only counts STARTTLS as TLS; here the whole connection is.
    kwargs["auth_require_tls"] = False
else:
    kwargs["tls_context"] = context
    kwargs["require_starttls"] = True

controller = PeerController(Handler(), **kwargs)
controller.start()
print(port, cert, flush=True)
sys.stdin.read()
controller.stop()
