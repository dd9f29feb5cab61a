using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditViewIndexesAndForwarder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TargetType_TargetId",
                table: "AuditEvents");

            migrationBuilder.CreateTable(
                name: "AuditForwarderPositions",
                columns: table => new
                {
                    Sink = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LastEventId = table.Column<long>(type: "bigint", nullable: false),
                    LeaseHolder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditForwarderPositions", x => x.Sink);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_Id",
                table: "AuditEvents",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorName_Id",
                table: "AuditEvents",
                columns: new[] { "ActorName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_At",
                table: "AuditEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TargetType_TargetId_Id",
                table: "AuditEvents",
                columns: new[] { "TargetType", "TargetId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditForwarderPositions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ActorName_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_At",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TargetType_TargetId_Id",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action",
                table: "AuditEvents",
                column: "Action");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TargetType_TargetId",
                table: "AuditEvents",
                columns: new[] { "TargetType", "TargetId" });
        }
    }
}
