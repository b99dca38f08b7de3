using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Finance_Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ManualAuthor",
                table: "JournalEntries",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Discrepancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    LedgerCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    StripeAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    LedgerAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    StripeFee = table.Column<long>(type: "INTEGER", nullable: true),
                    LedgerFee = table.Column<long>(type: "INTEGER", nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstRunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastRunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AdjustmentEntryId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discrepancies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerPeriodLocks",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LockedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerPeriodLocks", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StripeSource = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StripeItems = table.Column<long>(type: "INTEGER", nullable: false),
                    LedgerItems = table.Column<long>(type: "INTEGER", nullable: false),
                    Matched = table.Column<long>(type: "INTEGER", nullable: false),
                    Discrepancies = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationCategories",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    StripeItems = table.Column<long>(type: "INTEGER", nullable: false),
                    LedgerItems = table.Column<long>(type: "INTEGER", nullable: false),
                    Matched = table.Column<long>(type: "INTEGER", nullable: false),
                    Discrepancies = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationCategories", x => new { x.RunId, x.Category });
                    table.ForeignKey(
                        name: "FK_ReconciliationCategories_ReconciliationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ReconciliationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_LastRunId",
                table: "Discrepancies",
                column: "LastRunId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_SourceId_Kind",
                table: "Discrepancies",
                columns: new[] { "SourceId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_Status_OccurredAt",
                table: "Discrepancies",
                columns: new[] { "Status", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_RequestedAt",
                table: "ReconciliationRuns",
                column: "RequestedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Discrepancies");

            migrationBuilder.DropTable(
                name: "LedgerPeriodLocks");

            migrationBuilder.DropTable(
                name: "ReconciliationCategories");

            migrationBuilder.DropTable(
                name: "ReconciliationRuns");

            migrationBuilder.DropColumn(
                name: "ManualAuthor",
                table: "JournalEntries");
        }
    }
}
