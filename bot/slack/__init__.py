"""Casebot in Slack: a thin edge over :mod:`bot.services`.

``app.build_app`` makes the bolt app and registers one module per concern — ``mentions``
(channel mentions, thread follow-ups, direct messages), ``commands`` (``/ask``, ``/case``,
``/casebot``), ``actions`` (answer buttons), ``files`` (files shared in case rooms) and ``home``
(the Home tab). ``answering`` runs questions on the bounded pools of ``work``; ``blocks``
renders answers within Slack's limits; ``texts`` holds every string a user reads. ``http`` and
``socket`` connect the app to Slack. Nothing outside ``bot/`` imports Slack libraries.
"""
