using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Finance_Books : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransfers_PostedAt_EntryId_Sequence",
                table: "LedgerTransfers",
                columns: new[] { "PostedAt", "EntryId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_CauseType_PostedAt_Id",
                table: "JournalEntries",
                columns: new[] { "CauseType", "PostedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransfers_PostedAt_EntryId_Sequence",
                table: "LedgerTransfers");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_CauseType_PostedAt_Id",
                table: "JournalEntries");
        }
    }
}
