"""Referrals on paper: the referrals report, the referral letter and the handover record."""
