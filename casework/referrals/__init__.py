"""Referrals to partner agencies: a case's evidence, checked against the sharing policy, packaged
and delivered to a partner (customs, HSI / the IPR Center, postal inspectors, a carrier, a
marketplace), and tracked through the partner's answer."""
