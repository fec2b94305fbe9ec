-- AlterTable
ALTER TABLE "User" ADD COLUMN     "accessVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "createdByName" TEXT;

-- Grants made before this named their maker by id only: their name as it is now.
UPDATE "Grant" g SET "createdByName" = u."username" FROM "User" u WHERE u."id" = g."createdById";

-- What a user's grants are made of changes only through the tables below, and each change bumps
-- the accessVersion of every user it concerns in the same transaction (cascades included: a host,
-- team or registry removed takes its grants and memberships with it and fires these too). A
-- console reads the number with the session or token and keeps the grants it read under it
-- (lib/auth/grants-cache.ts), so a change applies at the next request in every console process.
-- Statement triggers with transition tables: a thousand grants made at once bump a user once.

-- Users locked in id order, so two changes concerning the same users cannot deadlock.
CREATE FUNCTION wharf_bump_access(user_ids text[]) RETURNS void
  LANGUAGE sql
  AS $$
  UPDATE "User" SET "accessVersion" = "accessVersion" + 1
  WHERE "id" IN (SELECT "id" FROM "User" WHERE "id" = ANY(user_ids) ORDER BY "id" FOR NO KEY UPDATE)
$$;

-- A grant to a user concerns them; a grant to a team concerns its members.
CREATE FUNCTION wharf_grants_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM wharf_bump_access(ARRAY(
      SELECT "userId" FROM new_rows WHERE "userId" IS NOT NULL
      UNION SELECT m."userId" FROM new_rows g JOIN "TeamMember" m ON m."teamId" = g."teamId"));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM wharf_bump_access(ARRAY(
      SELECT "userId" FROM old_rows WHERE "userId" IS NOT NULL
      UNION SELECT m."userId" FROM old_rows g JOIN "TeamMember" m ON m."teamId" = g."teamId"));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Grant_access_insert" AFTER INSERT ON "Grant" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_grants_changed();
CREATE TRIGGER "Grant_access_update" AFTER UPDATE ON "Grant" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_grants_changed();
CREATE TRIGGER "Grant_access_delete" AFTER DELETE ON "Grant" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_grants_changed();

-- A membership (joining, leaving, becoming or ceasing to be a lead) concerns its user.
CREATE FUNCTION wharf_members_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM wharf_bump_access(ARRAY(SELECT "userId" FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM wharf_bump_access(ARRAY(SELECT "userId" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "TeamMember_access_insert" AFTER INSERT ON "TeamMember" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_members_changed();
CREATE TRIGGER "TeamMember_access_update" AFTER UPDATE ON "TeamMember" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_members_changed();
CREATE TRIGGER "TeamMember_access_delete" AFTER DELETE ON "TeamMember" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_members_changed();

-- A team's name is part of the grants it gives (where each comes from): renaming concerns its members.
CREATE FUNCTION wharf_teams_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM wharf_bump_access(ARRAY(SELECT m."userId" FROM new_rows t JOIN "TeamMember" m ON m."teamId" = t."id"));
  RETURN NULL;
END $$;

CREATE TRIGGER "Team_access_update" AFTER UPDATE ON "Team" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_teams_changed();

-- A custom role's permissions or name concern everyone holding it, directly or through a team (a
-- role in use cannot be deleted: Grant.roleId restricts it).
CREATE FUNCTION wharf_roles_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM wharf_bump_access(ARRAY(
    SELECT g."userId" FROM new_rows r JOIN "Grant" g ON g."roleId" = r."id" WHERE g."userId" IS NOT NULL
    UNION SELECT m."userId" FROM new_rows r JOIN "Grant" g ON g."roleId" = r."id" JOIN "TeamMember" m ON m."teamId" = g."teamId"));
  RETURN NULL;
END $$;

CREATE TRIGGER "Role_access_update" AFTER UPDATE ON "Role" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wharf_roles_changed();
