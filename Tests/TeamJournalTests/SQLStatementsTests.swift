@testable import TeamJournal
import Testing

/// A migration step is sent one statement at a time; a plpgsql body holds semicolons of its own, so the split must
/// leave quoted text (dollar-quoted bodies, strings, identifiers, comments) whole.
struct SQLStatementsTests {
    @Test func plainStatementsSplitOnSemicolonsAndBlanksAreDropped() {
        #expect(SQLStatements.split("CREATE TABLE a (x int);\n\n CREATE INDEX b ON a (x);  ;\n")
                == ["CREATE TABLE a (x int)", "CREATE INDEX b ON a (x)"])
    }

    @Test func aDollarQuotedFunctionBodyStaysOneStatement() {
        let body = """
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.x := 1;
                RETURN NEW;
            END
            $$
            """
        #expect(SQLStatements.split(body + ";\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();")
                == [body, "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f()"])
    }

    @Test func aTaggedDollarQuoteEndsOnlyAtItsOwnTag() {
        let body = "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT $$;$$ || ';' $fn$"
        #expect(SQLStatements.split(body + "; SELECT 1") == [body, "SELECT 1"])
    }

    @Test func semicolonsInStringsIdentifiersAndCommentsDoNotSplit() {
        let text = "SELECT 'a;b''c;' AS \"x;y\" -- note; here\nFROM t /* block; */ WHERE $1 = 2; SELECT 2"
        #expect(SQLStatements.split(text) == ["SELECT 'a;b''c;' AS \"x;y\" -- note; here\nFROM t /* block; */ WHERE $1 = 2", "SELECT 2"])
    }

    @Test func positionalParametersAreNotDollarQuotes() {
        #expect(SQLStatements.split("SELECT $1; SELECT $2") == ["SELECT $1", "SELECT $2"])
    }
}
