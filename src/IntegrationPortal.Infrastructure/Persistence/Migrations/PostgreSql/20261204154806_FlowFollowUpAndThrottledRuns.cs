using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FlowFollowUpAndThrottledRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetryAt",
                table: "SyncRuns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FollowUpRequestedAt",
                table: "Flows",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "Flows",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetryAt",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "FollowUpRequestedAt",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "Flows");
        }
    }
}
