using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class LedgerCauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransfers_CreditAccountId",
                table: "LedgerTransfers");

            migrationBuilder.DropIndex(
                name: "IX_LedgerTransfers_DebitAccountId",
                table: "LedgerTransfers");

            migrationBuilder.AddColumn<long>(
                name: "CreditBalanceAfter",
                table: "LedgerTransfers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreditSlot",
                table: "LedgerTransfers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreditSlotSequence",
                table: "LedgerTransfers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DebitBalanceAfter",
                table: "LedgerTransfers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DebitSlot",
                table: "LedgerTransfers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DebitSlotSequence",
                table: "LedgerTransfers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PostedAt",
                table: "LedgerTransfers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<long>(
                name: "PostingCount",
                table: "LedgerBalances",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "CauseId",
                table: "JournalEntries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CauseType",
                table: "JournalEntries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransfers_CreditAccountId_PostedAt",
                table: "LedgerTransfers",
                columns: new[] { "CreditAccountId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransfers_DebitAccountId_PostedAt",
                table: "LedgerTransfers",
                columns: new[] { "DebitAccountId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_CauseType_CauseId",
                table: "JournalEntries",
                columns: new[] { "CauseType", "CauseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransfers_CreditAccountId_PostedAt",
                table: "LedgerTransfers");

            migrationBuilder.DropIndex(
                name: "IX_LedgerTransfers_DebitAccountId_PostedAt",
                table: "LedgerTransfers");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_CauseType_CauseId",
                table: "JournalEntries");

            migrationBuilder.DropColumn(
                name: "CreditBalanceAfter",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "CreditSlot",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "CreditSlotSequence",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "DebitBalanceAfter",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "DebitSlot",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "DebitSlotSequence",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "PostedAt",
                table: "LedgerTransfers");

            migrationBuilder.DropColumn(
                name: "PostingCount",
                table: "LedgerBalances");

            migrationBuilder.DropColumn(
                name: "CauseId",
                table: "JournalEntries");

            migrationBuilder.DropColumn(
                name: "CauseType",
                table: "JournalEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransfers_CreditAccountId",
                table: "LedgerTransfers",
                column: "CreditAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransfers_DebitAccountId",
                table: "LedgerTransfers",
                column: "DebitAccountId");
        }
    }
}
