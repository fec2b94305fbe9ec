-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "settles" BIGINT;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL,
    "lastId" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "throughId" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_throughId_idx" ON "AuditCheckpoint"("throughId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_settles_key" ON "AuditEntry"("settles");

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_settles_fkey" FOREIGN KEY ("settles") REFERENCES "AuditEntry"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- The audit hash chain (lib/audit/audit-chain.ts holds the same definition in TypeScript, and
-- its tests pin both to the same hashes).
--
-- canonical(row) = 'wharf.audit.v1', then for each field, in this order, a newline and either
-- '-' (null) or '<length in UTF-8 bytes>:<value>': id, at (milliseconds since the epoch),
-- actorId, actorName, ip, action, targetType, targetId, targetName, result, message, settles.
-- hash(row) = hex(SHA-256(UTF-8(previous row's hash || newline || canonical(row)))).
CREATE FUNCTION wharf_audit_field(value text) RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END $$;

CREATE FUNCTION wharf_audit_hash(previous text, e "AuditEntry") RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT encode(sha256(convert_to(
    previous || E'\n' || 'wharf.audit.v1'
    || E'\n' || wharf_audit_field(e."id"::text)
    || E'\n' || wharf_audit_field(round(extract(epoch FROM e."at") * 1000)::bigint::text)
    || E'\n' || wharf_audit_field(e."actorId")
    || E'\n' || wharf_audit_field(e."actorName")
    || E'\n' || wharf_audit_field(e."ip")
    || E'\n' || wharf_audit_field(e."action")
    || E'\n' || wharf_audit_field(e."targetType")
    || E'\n' || wharf_audit_field(e."targetId")
    || E'\n' || wharf_audit_field(e."targetName")
    || E'\n' || wharf_audit_field(e."result")
    || E'\n' || wharf_audit_field(e."message")
    || E'\n' || wharf_audit_field(e."settles"::text),
    'UTF8')), 'hex') $$;

-- Appends are serialised by the head row's lock, held until the inserting transaction ends; the
-- id is taken under that lock, so ids follow the chain (and commit) order.
CREATE FUNCTION wharf_audit_append() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  previous text;
BEGIN
  SELECT "hash" INTO previous FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The audit chain has no head row';
  END IF;
  NEW."id" := nextval('"AuditEntry_id_seq"');
  NEW."hash" := wharf_audit_hash(previous, NEW);
  UPDATE "AuditChainHead" SET "lastId" = NEW."id", "hash" = NEW."hash" WHERE "id" = 1;
  RETURN NEW;
END $$;

-- Entries are never changed; only retention removes old ones (it sets wharf.audit_retention).
CREATE FUNCTION wharf_audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('wharf.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'Audit entries cannot be changed or removed (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- The entries written before the chain existed are chained now, oldest first, from the start
-- checkpoint.
DO $$
DECLARE
  previous text := repeat('0', 64);
  last_id bigint := 0;
  chained integer := 0;
  e "AuditEntry";
BEGIN
  FOR e IN SELECT * FROM "AuditEntry" ORDER BY "id" LOOP
    previous := wharf_audit_hash(previous, e);
    UPDATE "AuditEntry" SET "hash" = previous WHERE "id" = e."id";
    last_id := e."id";
    chained := chained + 1;
  END LOOP;
  INSERT INTO "AuditCheckpoint" ("throughId", "hash", "removed", "reason")
    VALUES (0, repeat('0', 64), 0, format('The chain starts here; %s entries written before it were chained when it was added.', chained));
  INSERT INTO "AuditChainHead" ("id", "lastId", "hash") VALUES (1, last_id, previous);
END $$;

CREATE TRIGGER "AuditEntry_chain" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION wharf_audit_append();
CREATE TRIGGER "AuditEntry_immutable" BEFORE UPDATE OR DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION wharf_audit_refuse_change();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry" FOR EACH STATEMENT EXECUTE FUNCTION wharf_audit_refuse_change();
