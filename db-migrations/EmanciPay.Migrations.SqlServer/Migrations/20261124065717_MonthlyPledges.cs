using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyPledges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "Pledges",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextChargeAt",
                table: "Pledges",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentMethodId",
                table: "Pledges",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentsCount",
                table: "Pledges",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StripeCustomerId",
                table: "Pledges",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReceiptSentAt",
                table: "Payments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_Status_NextChargeAt",
                table: "Pledges",
                columns: new[] { "Status", "NextChargeAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ReceiptSentAt",
                table: "Payments",
                column: "ReceiptSentAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pledges_Status_NextChargeAt",
                table: "Pledges");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ReceiptSentAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "NextChargeAt",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "PaymentMethodId",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "PaymentsCount",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "StripeCustomerId",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "ReceiptSentAt",
                table: "Payments");
        }
    }
}
