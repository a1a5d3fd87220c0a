"""A reusable Slack test harness: Slack's side of every conversation, on 127.0.0.1.

The parts the benchmarks share live in the package, in `bot.testing`: `payloads` (the bodies
Slack sends), `signing` (signed HTTP requests and a client to send them) and `fake_slack` (a
recording fake of the Slack Web API). Here:

- `fake_socket_mode` is a fake Socket Mode WebSocket endpoint: it pushes envelopes and records
  acks.
- `casebot_app` runs Casebot's own app in HTTP mode against the fake Web API.
- `conftest` exposes them as the `fake_slack`, `fake_socket`, `signing_secret`, `slack_env` and
  `casebot` fixtures.
"""
