using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class StripeEventRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StripeEvents_ProcessedAt_DueAt",
                table: "StripeEvents");

            migrationBuilder.RenameColumn(
                name: "PaymentIntentId",
                table: "StripeEvents",
                newName: "ObjectId");

            migrationBuilder.AddColumn<string>(
                name: "ObjectType",
                table: "StripeEvents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "StripeEvents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_ProcessedAt",
                table: "StripeEvents",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_Status_DueAt",
                table: "StripeEvents",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StripeEvents_ProcessedAt",
                table: "StripeEvents");

            migrationBuilder.DropIndex(
                name: "IX_StripeEvents_Status_DueAt",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "ObjectType",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "StripeEvents");

            migrationBuilder.RenameColumn(
                name: "ObjectId",
                table: "StripeEvents",
                newName: "PaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_ProcessedAt_DueAt",
                table: "StripeEvents",
                columns: new[] { "ProcessedAt", "DueAt" });
        }
    }
}
