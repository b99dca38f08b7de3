using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class I12Terms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ListenerDetails",
                columns: table => new
                {
                    ListenerId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PostalAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerDetails", x => x.ListenerId);
                    table.ForeignKey(
                        name: "FK_ListenerDetails_AspNetUsers_ListenerId",
                        column: x => x.ListenerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListenerTerms",
                columns: table => new
                {
                    ListenerId = table.Column<string>(type: "TEXT", nullable: false),
                    Display = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NoSharing = table.Column<bool>(type: "INTEGER", nullable: false),
                    NoGifts = table.Column<bool>(type: "INTEGER", nullable: false),
                    NoAsksYear = table.Column<int>(type: "INTEGER", nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerTerms", x => x.ListenerId);
                    table.ForeignKey(
                        name: "FK_ListenerTerms_AspNetUsers_ListenerId",
                        column: x => x.ListenerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TermsAgreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AgreedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TermsAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TermsAgreements_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TermsAgreements_RecipientId_AgreedAt",
                table: "TermsAgreements",
                columns: new[] { "RecipientId", "AgreedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListenerDetails");

            migrationBuilder.DropTable(
                name: "ListenerTerms");

            migrationBuilder.DropTable(
                name: "TermsAgreements");
        }
    }
}
