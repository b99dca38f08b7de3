using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmanciPay.Migrations.PostgreSql.Migrations
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
                    ListenerId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PostalAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    ListenerId = table.Column<string>(type: "text", nullable: false),
                    Display = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Contact = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NoSharing = table.Column<bool>(type: "boolean", nullable: false),
                    NoGifts = table.Column<bool>(type: "boolean", nullable: false),
                    NoAsksYear = table.Column<int>(type: "integer", nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Terms = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AgreedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Payload = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Signature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
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
