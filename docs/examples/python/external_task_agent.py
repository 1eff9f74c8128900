#!/usr/bin/env python3
"""A Smart Ops agent in Python over Camunda's external-task REST API, with nothing but the
standard library.

It registers itself in the agent library (as an agent administrator, once), then works as its
own service account: it fetches and locks the tasks routed to its topic, asking only for the
variables it needs, scores the lead, completes the task with its outputs and confidence, and
reports the call (latency, outcome, confidence) so that it is audited, priced and shows on its
scorecard. A failure is reported to the engine (retries, then an incident in Cockpit).

Settings (environment):
  SMARTOPS_URL              the server, e.g. http://localhost:8080
  SMARTOPS_ADMIN_USER/_PASSWORD   an agent administrator, to register the agent
  SMARTOPS_WORKER_USER/_PASSWORD  the agent's service account (group smartops-workers)
  SMARTOPS_CAPABILITY       the capability it serves (default: company-size-scoring)
  SMARTOPS_MAX_TASKS        stop after this many tasks (default: run until stopped)
"""
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

URL = os.environ.get("SMARTOPS_URL", "http://localhost:8080")
CAPABILITY = os.environ.get("SMARTOPS_CAPABILITY", "company-size-scoring")
WORKER = (os.environ.get("SMARTOPS_WORKER_USER", "python-agent"), os.environ.get("SMARTOPS_WORKER_PASSWORD", ""))
ADMIN = (os.environ.get("SMARTOPS_ADMIN_USER", "demo"), os.environ.get("SMARTOPS_ADMIN_PASSWORD", "demo"))
MAX_TASKS = int(os.environ.get("SMARTOPS_MAX_TASKS", "0"))
WORKER_ID = "python-scorer"
INPUTS = ["companyName", "employees"]


def call(method, path, body, account):
    """One JSON request to the server; returns (status, parsed body or None)."""
    token = base64.b64encode(f"{account[0]}:{account[1]}".encode()).decode()
    request = urllib.request.Request(URL + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Basic " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, json.loads(text) if text else None


def register():
    """Registers the agent; its worker account is the only one (besides administrators) that may report its calls."""
    status, body = call("POST", "/smartops/api/agents", {
        "capability": CAPABILITY, "name": "Python size scorer " + CAPABILITY, "version": "1.0",
        "costPerCall": 0.0005, "expectedLatencyMillis": 50, "quality": 0.85, "serviceUser": WORKER[0]}, ADMIN)
    if status == 400 and "already registered" in json.dumps(body):
        agents = call("GET", "/smartops/api/agents", None, ADMIN)[1]
        return next(a for a in agents if a["capability"] == CAPABILITY and a["name"].startswith("Python size scorer"))
    if status != 201:
        sys.exit(f"registration refused ({status}): {body}")
    return body


def score(variables):
    """The agent's own work: a score from the company's size, with a confidence."""
    employees = variables.get("employees", {}).get("value") or 0
    value = min(1.0, 0.2 + employees / 1000)
    return {"score": round(value, 3)}, 0.9 if employees else 0.5


def main():
    agent = register()
    print(f"registered {agent['id']} on topic {agent['topic']}", flush=True)
    served = 0
    while MAX_TASKS == 0 or served < MAX_TASKS:
        status, tasks = call("POST", "/engine-rest/external-task/fetchAndLock", {
            "workerId": WORKER_ID, "maxTasks": 1, "asyncResponseTimeout": 10000,
            "topics": [{"topicName": agent["topic"], "lockDuration": 30000, "variables": INPUTS}]}, WORKER)
        if status != 200:
            print(f"fetch refused ({status}): {tasks}", flush=True)
            time.sleep(2)
            continue
        for task in tasks:
            started = datetime.now(timezone.utc)
            clock = time.monotonic()
            outputs = None
            try:
                outputs, confidence = score(task["variables"])
                variables = {name: {"value": value} for name, value in outputs.items()}
                variables["agentConfidence"] = {"value": confidence}
                done, body = call("POST", f"/engine-rest/external-task/{task['id']}/complete",
                                  {"workerId": WORKER_ID, "variables": variables}, WORKER)
                outcome = "COMPLETED" if done == 204 else "FAILURE"
                error = None if done == 204 else f"complete refused ({done}): {body}"
            except Exception as e:  # the engine retries, then raises an incident
                outcome, confidence, error = "FAILURE", None, repr(e)
                call("POST", f"/engine-rest/external-task/{task['id']}/failure",
                     {"workerId": WORKER_ID, "errorMessage": error[:500], "retries": 2, "retryTimeout": 5000}, WORKER)
            reported, body = call("POST", "/smartops/api/agent-calls", {
                "agentId": agent["id"], "externalTaskId": task["id"], "processInstanceId": task["processInstanceId"],
                "activityId": task["activityId"], "workerId": WORKER_ID, "startedAt": started.isoformat(),
                "latencyMillis": int((time.monotonic() - clock) * 1000), "outcome": outcome, "confidence": confidence,
                "model": "python-size-rule", "errorMessage": error,
                # the outputs let Smart Ops check them against the agent's contract (its measured quality)
                "outputs": outputs if outcome == "COMPLETED" else None}, WORKER)
            if reported != 201:
                print(f"call report refused ({reported}): {body}", flush=True)
            served += 1
            print(f"task {task['id']}: {outcome}", flush=True)


if __name__ == "__main__":
    main()
