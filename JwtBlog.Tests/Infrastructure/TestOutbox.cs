using System.Text.RegularExpressions;
using JwtBlog.Web.Features.Accounts;
using JwtBlog.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtBlog.Tests.Infrastructure;

// The emails the app has put in its outbox, read from the table (until an SMTP fixture receives them).
public sealed partial class TestOutbox(JwtBlogApp app)
{
    // Every message to the address, oldest first, after the queued password-reset work is done.
    public async Task<IReadOnlyList<OutboxMessage>> ToAsync(string address)
    {
        await app.Services.GetRequiredService<PasswordResetQueue>().WhenIdleAsync();
        return await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == address).OrderBy(m => m.Id).ToListAsync());
    }

    public async Task<OutboxMessage> LastToAsync(string address)
    {
        var messages = await ToAsync(address);
        Assert.NotEmpty(messages);
        return messages[^1];
    }

    // The path of the first link in the message's text part whose path starts with the prefix ("/password/reset/").
    public static string LinkPath(OutboxMessage message, string pathPrefix)
    {
        foreach (Match match in Links().Matches(message.TextBody))
        {
            var path = new Uri(match.Value).AbsolutePath;
            if (path.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                return path;
            }
        }

        Assert.Fail($"No link to {pathPrefix} in: {message.TextBody}");
        return "";
    }

    // The last path segment of that link: the key or token.
    public async Task<string> LinkPathToAsync(string address, string pathPrefix) => LinkPath(await LastToAsync(address), pathPrefix);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
