"""Referrals: the referral from draft to completed (tracking), the institutions, the
letter and handover record, follow-up visits and closing a case, the referrals report."""
