using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FlowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemIdA = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ItemIdB = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FieldA = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FieldB = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValueA = table.Column<string>(type: "TEXT", nullable: true),
                    ValueB = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorA = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AuthorB = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ChangedAtA = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAtB = table.Column<long>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    KeptSide = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    DetectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ResolvedValue = table.Column<string>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
