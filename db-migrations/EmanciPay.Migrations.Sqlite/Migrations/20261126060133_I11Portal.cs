using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "CheckoutOpenedAt",
                table: "Pledges",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PausedAt",
                table: "Pledges",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemovedAt",
                table: "Pledges",
                type: "INTEGER",
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
