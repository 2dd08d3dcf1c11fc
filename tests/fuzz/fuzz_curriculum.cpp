// libFuzzer target: the curriculum importer (decoding, mojibake repair, md4c, tree building).
#include "curriculum/curriculumparser.h"
#include "progress/progresssummary.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace StudyBench;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const CurriculumParseResult r = CurriculumParser::parse(bytes, QStringLiteral("fuzz.md"));
    if (!r.ok()) {
        // A failure always says where and why.
        if (r.error.message.isEmpty() || r.error.line < 0)
            __builtin_trap();
        return 0;
    }
    const Curriculum &c = *r.curriculum;
    StateMap states;
    for (const CurriculumNode *node : c.allNodes()) {
        if (node != c.root() && (node->id.isEmpty() || c.find(node->id) != node))
            __builtin_trap(); // every node has a unique, findable ID
        if (isCheckable(node->kind))
            states.insert(node->id, ItemState::Done);
    }
    const Tally t = tallyOf(c.root(), states);
    if (t.done != t.total || t.total != c.checkableNodes().size())
        __builtin_trap();
    return 0;
}
