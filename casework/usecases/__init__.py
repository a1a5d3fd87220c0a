"""The use cases: one entry point per action, under every edge (the Slack listeners and the
command line make one call each and render what comes back).

Each takes a :class:`~casework.usecases.requester.Requester` — who asks and where — and does the
whole action: resolves what the requester may see (need-to-know), writes the audit records, and
decides where the result may be shown (:class:`~casework.usecases.visibility.Visibility`) and
where to ask about what was withheld. No edge writes audit records or decides visibility itself.

==========================  ==============================================================
``asking.Asking``           a question, with a thread follow-up's retry
``looking_up.LookingUp``    an identifier or a name, across cases
``feedback.GivingFeedback`` 👍/👎 on an answer
``shared_files``            a file shared in a case's room, ingested as a note of the case
``hit_notices``             cross-case hit notices from the outbox, claimed and audited
``audit_review``            reading, exporting and verifying the audit log
``referring.Referring``     referrals to partner agencies: the form, a preview under the
                            sharing policy, submission, approval, the partner's answer
==========================  ==============================================================

Referrals take the same shape: a requester, a policy decided in the domain
(:mod:`casework.referrals.policy`), and an audit record in the same transaction as every change.
"""
