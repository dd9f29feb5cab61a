using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.Sqlite
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
                    ToolKey = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DefaultAccess = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FieldRules = table.Column<string>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
