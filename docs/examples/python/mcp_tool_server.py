#!/usr/bin/env python3
"""A Smart Ops agent in Python as an MCP tool: a small MCP server (Streamable HTTP, JSON responses)
with one tool, score_company, registered in the agent library as an MCP-tool agent.

Smart Ops' own workers then call the tool for every task the router gives the agent: they send
only the variables the binding maps to the tool's arguments, take the result fields the binding
names as the task's outputs, and audit and price each call themselves, so this server reports
nothing. It speaks the protocol with the standard library only (PyPI's `mcp` package would do
the same with less code where it can be installed).

Settings (environment):
  SMARTOPS_URL                   the server, e.g. http://localhost:8080
  SMARTOPS_ADMIN_USER/_PASSWORD  an agent administrator, to register the agent
  SMARTOPS_CAPABILITY            the capability it serves (default: company-size-scoring)
  PORT                           where this MCP server listens (default: 8765)
  PUBLIC_URL                     how Smart Ops reaches it (default: http://127.0.0.1:PORT/mcp)
"""
import base64
import json
import os
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

URL = os.environ.get("SMARTOPS_URL", "http://localhost:8080")
CAPABILITY = os.environ.get("SMARTOPS_CAPABILITY", "company-size-scoring")
ADMIN = (os.environ.get("SMARTOPS_ADMIN_USER", "demo"), os.environ.get("SMARTOPS_ADMIN_PASSWORD", "demo"))
PORT = int(os.environ.get("PORT", "8765"))
PUBLIC_URL = os.environ.get("PUBLIC_URL", f"http://127.0.0.1:{PORT}/mcp")
VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

TOOL = {
    "name": "score_company",
    "description": "Scores a lead by its company's size (0..1) with a confidence.",
    "inputSchema": {"type": "object", "required": ["company"],
                    "properties": {"company": {"type": "string"}, "employees": {"type": "integer"}}},
    "outputSchema": {"type": "object", "required": ["score", "confidence"],
                     "properties": {"score": {"type": "number"}, "confidence": {"type": "number"}}},
}


def score_company(arguments):
    """The agent's own work."""
    employees = arguments.get("employees") or 0
    return {"score": round(min(1.0, 0.2 + employees / 1000), 3), "confidence": 0.9 if employees else 0.5}


def answer(message):
    """The JSON-RPC response to one request."""
    method, params = message.get("method"), message.get("params") or {}
    if method == "initialize":
        asked = params.get("protocolVersion")
        return {"protocolVersion": asked if asked in VERSIONS else VERSIONS[1],
                "capabilities": {"tools": {"listChanged": False}},
                "serverInfo": {"name": "python-size-scorer", "version": "1.0"}}
    if method == "ping":
        return {}
    if method == "tools/list":
        return {"tools": [TOOL]}
    if method == "tools/call":
        if params.get("name") != TOOL["name"]:
            raise LookupError(f"no tool {params.get('name')}")
        result = score_company(params.get("arguments") or {})
        return {"content": [{"type": "text", "text": json.dumps(result)}], "structuredContent": result, "isError": False}
    raise LookupError(f"method {method} not found")


class Mcp(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path.rstrip("/") != "/mcp":
            return self.send_error(404)
        message = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if "id" not in message:  # a notification (e.g. notifications/initialized): nothing to answer
            self.send_response(202)
            self.end_headers()
            return
        try:
            reply = {"jsonrpc": "2.0", "id": message["id"], "result": answer(message)}
        except LookupError as e:
            reply = {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32601, "message": str(e)}}
        body = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # no server-initiated messages: no event stream
        self.send_response(405)
        self.send_header("Allow", "POST")
        self.end_headers()

    do_DELETE = do_GET

    def log_message(self, fmt, *args):
        print("mcp: " + fmt % args, flush=True)


def register():
    token = base64.b64encode(f"{ADMIN[0]}:{ADMIN[1]}".encode()).decode()
    registration = {
        "capability": CAPABILITY, "name": "Python MCP size scorer " + CAPABILITY, "version": "1.0",
        "costPerCall": 0.0004, "expectedLatencyMillis": 40, "quality": 0.85,
        "mcp": {"serverUrl": PUBLIC_URL, "tool": "score_company",
                "arguments": {"company": "companyName", "employees": "employees"},
                "outputs": {"score": "score"}, "confidence": "confidence"}}
    request = urllib.request.Request(URL + "/smartops/api/agents", method="POST", data=json.dumps(registration).encode(),
                                     headers={"Authorization": "Basic " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            agent = json.loads(response.read())
            print(f"registered {agent['id']} on topic {agent['topic']}", flush=True)
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        if e.code == 400 and "already registered" in body:
            print("already registered", flush=True)
        else:
            sys.exit(f"registration refused ({e.code}): {body}")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Mcp)
    print(f"MCP server on {PUBLIC_URL}", flush=True)
    register()
    server.serve_forever()
