using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.SqlServer.Migrations
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
                type: "datetimeoffset",
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
