using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class I11Portal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CheckoutAttempts",
                table: "Pledges",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckoutOpenedAt",
                table: "Pledges",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "Pledges",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemovedAt",
                table: "Pledges",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckoutAttempts",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "CheckoutOpenedAt",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "Pledges");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "Pledges");
        }
    }
}
