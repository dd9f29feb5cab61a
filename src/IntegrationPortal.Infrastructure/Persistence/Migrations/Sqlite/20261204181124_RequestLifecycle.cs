using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RequestLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "SubmittedAt",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<bool>(
                name: "ApprovedByTemplate",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeId",
                table: "IntegrationRequests",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "IntegrationRequests",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Classification",
                table: "IntegrationRequests",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Items",
                table: "IntegrationRequests",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "LiveAt",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StatusChangedAt",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "TemplateDifferences",
                table: "IntegrationRequests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "IntegrationRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TemplateName",
                table: "IntegrationRequests",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "WantedBy",
                table: "IntegrationRequests",
                type: "TEXT",
                nullable: true);

            // Requests saved before the lifecycle existed were created when submitted and last changed when decided.
            migrationBuilder.Sql(
                "UPDATE \"IntegrationRequests\" SET \"CreatedAt\" = \"SubmittedAt\", "
                + "\"StatusChangedAt\" = COALESCE(\"DecidedAt\", \"SubmittedAt\"), \"Classification\" = 'Internal';");

            migrationBuilder.CreateTable(
                name: "RequestComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestComments_IntegrationRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "IntegrationRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationRequests_AssigneeId",
                table: "IntegrationRequests",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestComments_RequestId_At",
                table: "RequestComments",
                columns: new[] { "RequestId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestComments");

            migrationBuilder.DropIndex(
                name: "IX_IntegrationRequests_AssigneeId",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "ApprovedByTemplate",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "AssigneeId",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "AssigneeName",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "Classification",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "Items",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "LiveAt",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "TemplateDifferences",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "TemplateName",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "IntegrationRequests");

            migrationBuilder.DropColumn(
                name: "WantedBy",
                table: "IntegrationRequests");

            migrationBuilder.AlterColumn<long>(
                name: "SubmittedAt",
                table: "IntegrationRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
