using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UnclaimedFallback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FallbackRecipientId",
                table: "Pledges",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeadlineReminders",
                table: "Payments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Disposal",
                table: "Payments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MovedAt",
                table: "Payments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MovedNoticeSentAt",
                table: "Payments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MovedToRecipientId",
                table: "Payments",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_FallbackRecipientId",
                table: "Pledges",
                column: "FallbackRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_MovedToRecipientId",
                table: "Payments",
                column: "MovedToRecipientId");

            migrationBuilder.AddForeignKey(
                name: "FK_Payments_Recipients_MovedToRecipientId",
                table: "Payments",
                column: "MovedToRecipientId",
                principalTable: "Recipients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Pledges_Recipients_FallbackRecipientId",
                table: "Pledges",
                column: "FallbackRecipientId",
                principalTable: "Recipients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Payments_Recipients_MovedToRecipientId",
                table: "Payments");

            migrationBuilder.DropForeignKey(
                name: "FK_Pledges_Recipients_FallbackRecipientId",
                table: "Pledges");

            migrationBuilder.DropIndex(
                name: "IX_Pledges_FallbackRecipientId",
                table: "Pledges");

            migrationBuilder.DropIndex(
                name: "IX_Payments_MovedToRecipientId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "FallbackRecipientId",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "DeadlineReminders",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "Disposal",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "MovedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "MovedNoticeSentAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "MovedToRecipientId",
                table: "Payments");
        }
    }
}
