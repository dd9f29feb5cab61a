using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddConflictQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SyncConflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FlowId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemIdA = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemIdB = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FieldA = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FieldB = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValueA = table.Column<string>(type: "text", nullable: true),
                    ValueB = table.Column<string>(type: "text", nullable: true),
                    AuthorA = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AuthorB = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ChangedAtA = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedAtB = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    KeptSide = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    DetectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Resolution = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ResolvedValue = table.Column<string>(type: "text", nullable: true),
                    ResolvedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ResolvedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncConflicts_Flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "Flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SyncConflicts_ItemLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "ItemLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SyncConflicts_FlowId_Status",
                table: "SyncConflicts",
                columns: new[] { "FlowId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncConflicts_LinkId_Status",
                table: "SyncConflicts",
                columns: new[] { "LinkId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SyncConflicts");
        }
    }
}
