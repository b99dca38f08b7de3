using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.PostgreSql.Migrations
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
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Discrepancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    LedgerCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    StripeAmount = table.Column<long>(type: "bigint", nullable: true),
                    LedgerAmount = table.Column<long>(type: "bigint", nullable: true),
                    StripeFee = table.Column<long>(type: "bigint", nullable: true),
                    LedgerFee = table.Column<long>(type: "bigint", nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstRunId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastRunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AdjustmentEntryId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discrepancies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerPeriodLocks",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    LockedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerPeriodLocks", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StripeSource = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    Step = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StripeItems = table.Column<long>(type: "bigint", nullable: false),
                    LedgerItems = table.Column<long>(type: "bigint", nullable: false),
                    Matched = table.Column<long>(type: "bigint", nullable: false),
                    Discrepancies = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationCategories",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StripeItems = table.Column<long>(type: "bigint", nullable: false),
                    LedgerItems = table.Column<long>(type: "bigint", nullable: false),
                    Matched = table.Column<long>(type: "bigint", nullable: false),
                    Discrepancies = table.Column<long>(type: "bigint", nullable: false)
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
