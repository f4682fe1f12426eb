using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Domain;

/// <summary>The rules of a note's text and tags, and of who may delete which note.</summary>
public sealed class NoteRulesTests
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();
    private static readonly IReadOnlySet<string> Deleter = new HashSet<string> { Perm.NoteDelete };

    private static Note Note(string author, bool system = false) =>
        new() { ObjectType = NoteObjectTypes.Fleet, ObjectId = "7", Author = author, Content = "x", System = system };

    [Fact]
    public void The_author_may_delete_their_note_and_others_only_with_the_permission()
    {
        Assert.True(NoteRules.CanDelete(Note("ann"), "ann", None));
        Assert.False(NoteRules.CanDelete(Note("ann"), "bob", None));
        Assert.True(NoteRules.CanDelete(Note("ann"), "bob", Deleter));
    }

    [Fact]
    public void Nobody_deletes_a_system_note_not_its_author_nor_a_holder_of_the_permission()
    {
        Assert.False(NoteRules.CanDelete(Note("ann", system: true), "ann", None));
        Assert.False(NoteRules.CanDelete(Note("ann", system: true), "ann", Deleter));
        Assert.False(NoteRules.CanDelete(Note(SystemAuthor.Name, system: true), "bob", Deleter));
        Assert.Contains("System notes", NoteRules.WhyNotDeletable(Note("ann", system: true)), StringComparison.Ordinal);
        Assert.Contains("author", NoteRules.WhyNotDeletable(Note("ann")), StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_are_trimmed_lower_cased_stripped_of_a_hash_and_kept_once_in_order()
    {
        Assert.Equal(["service", "parts", "tyre_2"], NoteRules.Tags([" Service ", "#PARTS", "service", "", null, "  ", "tyre_2"]));
        Assert.Empty(NoteRules.Tags(null));
        Assert.Equal(["a", "b"], NoteRules.Tags(NoteRules.SplitTags(" a, b;; ,")));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("<b>")]
    [InlineData("drop;table")]
    [InlineData("ünïcode")]
    [InlineData("tab\there")]
    public void Tags_other_than_short_words_are_refused(string tag)
    {
        var error = Assert.Throws<ValidationFailedException>(() => NoteRules.Tags([tag]));
        Assert.True(error.Errors.ContainsKey("tags"));
    }

    [Fact]
    public void Tags_have_a_length_and_a_count_limit()
    {
        Assert.Single(NoteRules.Tags([new string('t', NoteRules.MaxTagLength)]));
        Assert.Throws<ValidationFailedException>(() => NoteRules.Tags([new string('t', NoteRules.MaxTagLength + 1)]));
        Assert.Equal(Arc.Domain.Notes.Note.MaxTags, NoteRules.Tags(Enumerable.Range(0, Arc.Domain.Notes.Note.MaxTags).Select(i => $"t{i}")).Count);
        var error = Assert.Throws<ValidationFailedException>(() => NoteRules.Tags(Enumerable.Range(0, Arc.Domain.Notes.Note.MaxTags + 1).Select(i => $"t{i}")));
        Assert.Contains("at most 10 tags", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_is_trimmed_keeps_line_breaks_and_tabs_and_markup_as_text()
    {
        Assert.Equal("a\nb\n\tc", NoteRules.Content("  a\r\nb\r\tc \n"));
        Assert.Equal("<script>alert(1)</script>", NoteRules.Content("<script>alert(1)</script>"));
        Assert.Equal(Arc.Domain.Notes.Note.MaxContentLength, NoteRules.Content(new string('x', Arc.Domain.Notes.Note.MaxContentLength)).Length);
    }

    [Theory]
    [InlineData(null, "needs some text")]
    [InlineData("   \n ", "needs some text")]
    [InlineData("bell\u0007", "control or hidden")]
    [InlineData("null\0byte", "control or hidden")]
    [InlineData("Admin\u202Egpj.exe", "control or hidden")]
    [InlineData("zero\u200Bwidth", "control or hidden")]
    [InlineData("line\u2028separator", "control or hidden")]
    public void Empty_and_hidden_character_content_is_refused_with_a_reason(string? content, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => NoteRules.Content(content));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.True(error.Errors.ContainsKey("content"));
    }

    [Fact]
    public void Over_long_content_is_refused_naming_the_limit_and_the_length()
    {
        var error = Assert.Throws<ValidationFailedException>(() => NoteRules.Content(new string('x', Arc.Domain.Notes.Note.MaxContentLength + 5)));
        Assert.Contains("at most 4000 characters; this one has 4005", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_text_is_trimmed_lower_cased_and_limited()
    {
        Assert.Null(NoteRules.Search("   "));
        Assert.Equal("brake pads", NoteRules.Search("  Brake PADS "));
        Assert.Throws<ValidationFailedException>(() => NoteRules.Search(new string('s', NoteRules.MaxSearchLength + 1)));
    }
}
