using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FlowFollowUpAndThrottledRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RetryAt",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FollowUpRequestedAt",
                table: "Flows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PausedAt",
                table: "Flows",
                type: "INTEGER",
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
