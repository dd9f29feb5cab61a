using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddToolPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ToolPolicies",
                columns: table => new
                {
                    ToolKey = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DefaultAccess = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FieldRules = table.Column<string>(type: "text", nullable: false),
                    Scope = table.Column<string>(type: "text", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToolPolicies", x => x.ToolKey);
                    table.ForeignKey(
                        name: "FK_ToolPolicies_Tools_ToolKey",
                        column: x => x.ToolKey,
                        principalTable: "Tools",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ToolPolicies");
        }
    }
}
