#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# http-peer.py --dir DIR [--script FILE]
#
# An HTTP server on 127.0.0.1 (a free port) playing an SMS gateway for the
# sender's tests. Prints its port on one line, then serves until its stdin
# closes.
#
# Each request is a line of DIR/requests.jsonl: {"method", "path" (with the
# query), "headers" (names in lower case), "body"}. The answers come from
# the script, a JSON list served in order (the last one again when it runs
# out): {"status": 200, "body": "...", "content_type": "application/json"},
# or {"drop": true} to close the connection without an answer.

import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--script")
args = parser.parse_args()

answers = [{"status": 200, "body": "{}"}]
if args.script:
    with open(args.script) as f:
        answers = json.load(f)

lock = threading.Lock()
served = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *log_args):
        pass

    def answer(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8") if length else ""
        with lock:
            record = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
            with open(os.path.join(args.dir, "requests.jsonl"), "a") as f:
                f.write(json.dumps(record) + "\n")
            answer = answers[min(served[0], len(answers) - 1)]
            served[0] += 1

        if answer.get("drop"):
            self.close_connection = True
            self.connection.close()
            return

        payload = answer.get("body", "").encode("utf-8")
        self.send_response(answer.get("status", 200))
        self.send_header("Content-Type", answer.get("content_type", "application/json"))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = answer
    do_POST = answer


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
