using JwtBlog.Web.Features.Admin;

namespace JwtBlog.Tests.Admin;

public sealed class KeysetTests
{
    [Fact]
    public void SearchTextPastTheSearchBoxLengthIsIgnored()
    {
        var q = new string('a', Keyset.MaxSearchLength - 2) + " bcd";

        Assert.Equal([new string('a', Keyset.MaxSearchLength - 2), "b"], Keyset.SearchTerms(q));
    }

    [Fact]
    public void TheSearchTextIsNeverCutBetweenTheHalvesOfAPair()
    {
        var q = new string('a', Keyset.MaxSearchLength - 2) + " \U0001F600";

        Assert.Equal([new string('a', Keyset.MaxSearchLength - 2)], Keyset.SearchTerms(q));
    }
}
