using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql
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
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MissingSince",
                table: "ItemLinks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "ItemLinks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<string>(
                name: "DeleteRule",
                table: "Flows",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "UnlinkAndFlag");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "Flows",
                type: "text",
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
