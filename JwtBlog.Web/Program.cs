using JwtBlog.Web.Data;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Accounts.Authentication;
using JwtBlog.Web.Features.Accounts.Commands;
using JwtBlog.Web.Features.Accounts.Passkeys;
using JwtBlog.Web.Features.Admin;
using JwtBlog.Web.Features.Blog;
using JwtBlog.Web.Features.Docs;
using JwtBlog.Web.Features.Email;
using JwtBlog.Web.Features.Errors;
using JwtBlog.Web.Features.Feedback;
using JwtBlog.Web.Features.Health;
using JwtBlog.Web.Features.Shared;
using JwtBlog.Web.Features.Shared.Localization;
using JwtBlog.Web.Features.Shared.ScaleOut;

var (command, hostArgs) = ManagementCommands.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
if (command is not null)
{
    // A command's standard output is its answer; its log lines go to standard error.
    builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.AddWebDefaults();
builder.AddSiteLocalization();
builder.AddErrorResponses();
builder.AddForwardedHeaders();
builder.AddAppData();
builder.AddScaleOut();
builder.AddHealthEndpoints();
builder.AddEmail();
builder.AddAccounts();
builder.AddPasskeys();
builder.AddJwtCookieAuthentication();
builder.AddCsrf();
builder.AddStrictCors();
builder.AddRateLimits();
builder.AddBlog();
builder.AddAdmin();
builder.AddApiDocs();
builder.AddFeedback();

var app = builder.Build();

if (command is not null)
{
    return await ManagementCommands.RunAsync(
        app.Services, command, args[1..], Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}

// Settings are validated before anything is written to disk; a refused start says why in one line.
if (!app.HasValidSettings())
{
    return 1;
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
app.UseSiteLocalization();
app.UseOutputCache();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiCsrfCheck();

app.MapHealthEndpoints();
app.MapAccountsEndpoints();
app.MapPasskeysEndpoints();
app.MapBlogEndpoints();
app.MapAtomFeeds();
app.MapApiDocs();
app.MapRazorPages();

await app.RunAsync();
return 0;

public partial class Program;
