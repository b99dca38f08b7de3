using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RefundNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RefundNoticeSentAt",
                table: "Payments",
                type: "INTEGER",
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
