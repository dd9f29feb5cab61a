namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql;

/// <summary>
/// The PostgreSQL objects that make the audit tables append-only: a trigger function that rejects
/// UPDATE, DELETE and TRUNCATE on AuditEvents and AuditCheckpoints, and the one function that may
/// delete events, for pruning. That function sets a transaction-local setting that the trigger
/// checks. The setting keeps the application and careless SQL out. It does not stop a database
/// user who sets it on purpose or disables the trigger, but the hash chain then detects the change.
/// </summary>
internal static class AuditAppendOnlySql
{
    public const string PruneSetting = "integrationportal.audit_prune";

    public const string Create = $$"""
        CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'AuditEvents'
               AND current_setting('{{PruneSetting}}', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'The audit log is append-only: % on table % is rejected', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END
        $body$;

        CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "AuditEvents"
            FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "AuditEvents"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
        CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON "AuditCheckpoints"
            FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
        CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON "AuditCheckpoints"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

        CREATE FUNCTION audit_prune_through(last_sequence bigint) RETURNS bigint LANGUAGE plpgsql AS $body$
        DECLARE
            removed bigint;
        BEGIN
            PERFORM set_config('{{PruneSetting}}', 'on', true);
            DELETE FROM "AuditEvents" WHERE "Sequence" > 0 AND "Sequence" <= last_sequence;
            GET DIAGNOSTICS removed = ROW_COUNT;
            PERFORM set_config('{{PruneSetting}}', 'off', true);
            RETURN removed;
        END
        $body$;
        """;

    public const string Drop = """
        DROP FUNCTION IF EXISTS audit_prune_through(bigint);
        DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON "AuditCheckpoints";
        DROP TRIGGER IF EXISTS audit_checkpoints_append_only ON "AuditCheckpoints";
        DROP TRIGGER IF EXISTS audit_events_no_truncate ON "AuditEvents";
        DROP TRIGGER IF EXISTS audit_events_append_only ON "AuditEvents";
        DROP FUNCTION IF EXISTS audit_reject_change();
        """;
}
