using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyncSemantics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MissingSide",
                table: "ItemLinks",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MissingSince",
                table: "ItemLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "ItemLinks",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<string>(
                name: "DeleteRule",
                table: "Flows",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "UnlinkAndFlag");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "Flows",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MissingSide",
                table: "ItemLinks");

            migrationBuilder.DropColumn(
                name: "MissingSince",
                table: "ItemLinks");

            migrationBuilder.DropColumn(
                name: "State",
                table: "ItemLinks");

            migrationBuilder.DropColumn(
                name: "DeleteRule",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "Flows");
        }
    }
}
