-- Appends a batch of audit entries in one statement, at the very end of the writer's
-- transaction, so the chain head's row lock is held for this statement and the COMMIT only
-- (before, writers locked the head at their first audited change and held it through all their
-- work). The head still serializes appends, so seq order stays commit order (the live feed reads
-- "after the last seq I saw") and the chain never forks.
--
-- Each entry arrives with its canonical JSON split around the two chained fields: the hash is
-- sha256(prefix || prevHash || ',"seq":"<seq>"' || suffix), byte for byte what hashEntry() in
-- lib/audit/chain.ts computes, so the verifier is unchanged. Returns the lock's acquisition time
-- so a benchmark can measure how long it is held (until the caller's commit returns).
CREATE FUNCTION sitrep_audit_append(entries jsonb)
RETURNS TABLE (first_seq bigint, last_seq bigint, locked_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  h_seq bigint;
  h_hash text;
  start_seq bigint;
  t timestamptz;
  e jsonb;
  body text;
  next_hash text;
BEGIN
  SELECT "seq", "hash" INTO h_seq, h_hash FROM "AuditHead" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'AuditHead row is missing: run the migrations (npm run db:deploy)';
  END IF;
  t := clock_timestamp();
  start_seq := h_seq + 1;
  FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
    h_seq := h_seq + 1;
    body := (e->>'prefix') || to_json(h_hash)::text || ',"seq":' || to_json(h_seq::text)::text || (e->>'suffix');
    next_hash := encode(sha256(convert_to(body, 'UTF8')), 'hex');
    INSERT INTO "AuditEntry" ("seq", "at", "actorId", "actorLabel", "verb", "targetType", "targetId", "before", "after", "prevHash", "hash")
    VALUES (h_seq, (e->>'at')::timestamptz, e->>'actorId', e->>'actorLabel', e->>'verb', e->>'targetType', e->>'targetId',
            NULLIF(e->'before', 'null'::jsonb), NULLIF(e->'after', 'null'::jsonb), h_hash, next_hash);
    -- The head moves with each row: the insert guard (sitrep_audit_extends_head) checks every
    -- entry against it.
    UPDATE "AuditHead" SET "seq" = h_seq, "hash" = next_hash WHERE "id" = 1;
    h_hash := next_hash;
  END LOOP;
  RETURN QUERY SELECT start_seq, h_seq, t;
END;
$$;
