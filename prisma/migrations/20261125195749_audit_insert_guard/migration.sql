-- An audit entry may only extend the chain: its seq must follow the recorded head and its
-- prevHash must be the head's hash (appendAudit inserts the entry, then moves the head, in one
-- transaction under the head's row lock). Rows forged above the head, or spliced in, are refused.
CREATE FUNCTION sitrep_audit_extends_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head RECORD;
BEGIN
  SELECT "seq", "hash" INTO head FROM "AuditHead" WHERE "id" = 1;
  IF head IS NULL OR NEW."seq" <> head."seq" + 1 OR NEW."prevHash" <> head."hash" THEN
    RAISE EXCEPTION 'AuditEntry #% does not extend the chain head', NEW."seq" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "AuditEntry_extends_head" BEFORE INSERT ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION sitrep_audit_extends_head();
