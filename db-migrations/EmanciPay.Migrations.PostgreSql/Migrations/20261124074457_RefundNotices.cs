using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RefundNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefundNoticeSentAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefundNoticeSentAt",
                table: "Payments");
        }
    }
}
