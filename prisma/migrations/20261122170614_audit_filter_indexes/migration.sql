-- CreateIndex
CREATE INDEX "AuditEntry_actorName_id_idx" ON "AuditEntry"("actorName", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_action_id_idx" ON "AuditEntry"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEntry_result_id_idx" ON "AuditEntry"("result", "id");
