#pragma once

namespace StudyBench {

/// Gives back to the system the memory the allocator holds free. glibc's malloc keeps what a
/// burst of allocations freed for reuse, in pages that stay resident, so a process's RSS keeps
/// its high-water mark after the burst, and fragmentation makes it creep up from one burst to
/// the next. Costs a walk over the free memory: call it once a burst is over, never per request.
/// Does nothing where the C library has no such call.
void releaseFreeMemory();

} // namespace StudyBench
