using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PayoutSchedulesAndAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastAttemptAt",
                table: "Payouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NoticeSentAt",
                table: "Payouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PayoutSchedules",
                columns: table => new
                {
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MinimumAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextDueAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutSchedules", x => new { x.RecipientId, x.Currency });
                    table.ForeignKey(
                        name: "FK_PayoutSchedules_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayoutSchedules_NextDueAt",
                table: "PayoutSchedules",
                column: "NextDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayoutSchedules");

            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "NoticeSentAt",
                table: "Payouts");
        }
    }
}
