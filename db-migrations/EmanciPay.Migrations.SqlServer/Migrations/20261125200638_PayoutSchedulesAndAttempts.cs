using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PayoutSchedulesAndAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAttemptAt",
                table: "Payouts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NoticeSentAt",
                table: "Payouts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PayoutSchedules",
                columns: table => new
                {
                    RecipientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    Frequency = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    MinimumAmount = table.Column<long>(type: "bigint", nullable: false),
                    SetBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    NextDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
