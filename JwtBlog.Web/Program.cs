using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Docs;
using JwtBlog.Web.Features.Shared;

var (command, hostArgs) = ManagementCommands.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);

builder.AddWebDefaults();
builder.AddAppData();
builder.AddAccounts();
builder.AddJwtCookieAuthentication();
builder.AddCsrf();
builder.AddStrictCors();
builder.AddRateLimits();
builder.AddBlog();
builder.AddAdmin();
builder.AddApiDocs();

var app = builder.Build();

if (command is not null)
{
    return await ManagementCommands.RunAsync(app, command, args[1..]);
}

await app.Services.MigrateDatabaseAsync();

app.UseForwardedHeaders();
app.UseErrorResponses();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseCors();
app.UseRateLimiter();
app.UseSilentRefresh();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiCsrfCheck();

app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
app.MapAccountsEndpoints();
app.MapBlogEndpoints();
app.MapApiDocs();
app.MapRazorPages();

await app.RunAsync();
return 0;

public partial class Program;
