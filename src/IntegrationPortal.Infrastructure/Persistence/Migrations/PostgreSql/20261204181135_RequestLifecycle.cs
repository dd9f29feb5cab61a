using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationPortal.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RequestLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "SubmittedAt",
                table: "IntegrationRequests",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.AddColumn<bool>(
                name: "ApprovedByTemplate",
                table: "IntegrationRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeId",
                table: "IntegrationRequests",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "IntegrationRequests",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Classification",
                table: "IntegrationRequests",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "IntegrationRequests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Items",
                table: "IntegrationRequests",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LiveAt",
                table: "IntegrationRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StatusChangedAt",
                table: "IntegrationRequests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "TemplateDifferences",
                table: "IntegrationRequests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "IntegrationRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TemplateName",
                table: "IntegrationRequests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "IntegrationRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "WantedBy",
                table: "IntegrationRequests",
                type: "date",
                nullable: true);

            // Requests saved before the lifecycle existed were created when submitted and last changed when decided.
            migrationBuilder.Sql(
                "UPDATE \"IntegrationRequests\" SET \"CreatedAt\" = \"SubmittedAt\", "
                + "\"StatusChangedAt\" = COALESCE(\"DecidedAt\", \"SubmittedAt\"), \"Classification\" = 'Internal';");

            migrationBuilder.CreateTable(
                name: "RequestComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "SubmittedAt",
                table: "IntegrationRequests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }
    }
}
