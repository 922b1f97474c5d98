"""The audit log's hash chain: each event's hash covers its fields and the previous hash,
so an edited, inserted or removed event breaks the chain from there on."""

from __future__ import annotations

import hashlib
import json

GENESIS = "0" * 64


def event_hash(prev_hash: str, at_iso: str, username: str, role: str, action: str,
               entity: str, entity_id: str) -> str:
    body = json.dumps([prev_hash, at_iso, username, role, action, entity, entity_id],
                      separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
